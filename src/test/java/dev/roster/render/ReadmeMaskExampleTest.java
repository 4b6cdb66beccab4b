package dev.roster.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.Msisdn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README shows what a masked number looks like; it must be what the markdown plan prints. */
class ReadmeMaskExampleTest {

    @Test
    void readmeMaskExampleIsWhatTheMaskPrints() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher example = Pattern.compile("`(\\+[0-9 •]+)`").matcher(readme);
        boolean found = false;
        while (example.find()) {
            String shown = example.group(1);
            if (shown.indexOf(NumberMask.DOT) < 0) {
                continue;
            }
            found = true;
            // the README's example is the quick start's leaver, +46 73 200 99 99
            assertThat(shown).isEqualTo(NumberMask.mask(Msisdn.parse("+46732009999")));
        }
        assertThat(found).as("README shows a masked number").isTrue();
    }
}
