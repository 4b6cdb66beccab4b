/**
 * Plan renderers, each writing to a given {@link java.io.PrintWriter}: {@link dev.roster.render.TextRenderer}
 * (terminal), {@link dev.roster.render.MarkdownRenderer} (pull requests; masks undeclared numbers, size
 * capped), {@link dev.roster.render.JsonRenderer} (machines, DESIGN.md format) and the saved-plan codec
 * {@link dev.roster.render.PlanFile}. No I/O besides the given writer or string.
 */
package dev.roster.render;
