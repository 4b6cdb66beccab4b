package dev.roster.cli;

import dev.roster.plan.Plan;
import dev.roster.render.JsonRenderer;
import dev.roster.render.MarkdownRenderer;
import dev.roster.render.TextRenderer;
import java.io.PrintWriter;

/** The {@code --format} of a plan. */
enum PlanFormat {
    text, markdown, json;

    /** @param color whether the text format may colour its output ({@link Terminal#colorAllowed}) */
    void render(Plan plan, PrintWriter out, boolean color) {
        switch (this) {
            case text -> new TextRenderer(color).render(plan, out);
            case markdown -> new MarkdownRenderer().render(plan, out);
            case json -> new JsonRenderer().render(plan, out);
        }
        out.flush();
    }
}
