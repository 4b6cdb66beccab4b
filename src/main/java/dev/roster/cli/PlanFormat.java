package dev.roster.cli;

import dev.roster.plan.Plan;
import dev.roster.render.JsonRenderer;
import dev.roster.render.MarkdownRenderer;
import dev.roster.render.TextRenderer;
import java.io.PrintWriter;

/** The {@code --format} of a plan. */
enum PlanFormat {
    text, markdown, json;

    void render(Plan plan, PrintWriter out) {
        switch (this) {
            case text -> new TextRenderer(Terminal.colorAllowed()).render(plan, out);
            case markdown -> new MarkdownRenderer().render(plan, out);
            case json -> new JsonRenderer().render(plan, out);
        }
        out.flush();
    }
}
