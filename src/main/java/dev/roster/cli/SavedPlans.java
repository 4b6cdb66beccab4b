package dev.roster.cli;

import dev.roster.config.IoReasons;
import dev.roster.config.RosterSettings;
import dev.roster.files.FileKind;
import dev.roster.plan.SavedPlan;
import dev.roster.render.PlanFile;
import dev.roster.render.PlanFileException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a saved plan for {@code apply --plan} and {@code show}: every failure is a one-line user error. */
final class SavedPlans {
    private SavedPlans() {
    }

    static SavedPlan read(Path file, GlobalOptions global, RosterSettings settings) {
        FileKind kind = FileKind.of(file);
        if (kind.isSpecial()) { // never opened: reading a FIFO blocks
            throw new UserError("error: " + file + ": not a regular file (" + kind.description() + ")");
        }
        try {
            return PlanFile.read(Files.readString(file, StandardCharsets.UTF_8), PlanKeys.target(global, settings),
                    PlanKeys.tokens(global, settings), settings.reconcile().subjectMaxLength(),
                    settings::capabilitiesOf);
        } catch (NoSuchFileException e) {
            throw new UserError("error: " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserError("error: " + file + ": not valid UTF-8; give a plan saved by `roster plan --out`");
        } catch (IOException e) {
            throw new UserError("error: " + file + ": cannot be read ("
                    + (Files.isDirectory(file) ? "a directory" : IoReasons.reason(e)) + ")");
        } catch (PlanFileException e) {
            throw new UserError("error: " + file + ": " + e.getMessage());
        }
    }
}
