package dev.roster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.Msisdn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's lines: every field, optional ones only when set, on disk as soon as recorded. */
class JsonlAuditLogTest {
    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;

    private static AuditEntry entry(String detail, String commit) {
        return new AuditEntry(T, "46700000001", "sales", "group:46700000001-1", "remove_members",
                List.of(Msisdn.parse("+46732009999")), "ok", null, detail, commit);
    }

    private List<JsonNode> lines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void eachEntryIsOneLineOnDiskBeforeTheLogIsClosed() throws IOException {
        Path file = dir.resolve("var/audit.jsonl");
        try (JsonlAuditLog log = new JsonlAuditLog(file)) {
            log.record(entry(null, null));

            List<JsonNode> written = lines(file);
            assertThat(written).hasSize(1);
            JsonNode line = written.get(0);
            assertThat(line.get("time").asText()).isEqualTo("2026-11-30T12:00:00Z");
            assertThat(line.get("bot").asText()).isEqualTo("46700000001");
            assertThat(line.get("group").asText()).isEqualTo("sales");
            assertThat(line.get("group_id").asText()).isEqualTo("group:46700000001-1");
            assertThat(line.get("action").asText()).isEqualTo("remove_members");
            assertThat(line.get("numbers").get(0).asText()).isEqualTo("+46732009999");
            assertThat(line.get("outcome").asText()).isEqualTo("ok");
            assertThat(line.get("error").isNull()).isTrue();
            assertThat(line.has("detail")).isFalse();
            assertThat(line.has("commit")).isFalse();
        }
    }

    @Test
    void detailAndCommitAreWrittenWhenSetAndLinesAreAppended() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonlAuditLog log = new JsonlAuditLog(file)) {
            log.record(entry(null, null));
        }
        try (JsonlAuditLog log = new JsonlAuditLog(file)) {
            log.record(entry("https://chat.whatsapp.com/x", "969fdc5c"));
        }

        List<JsonNode> written = lines(file);
        assertThat(written).hasSize(2);
        assertThat(written.get(1).get("detail").asText()).isEqualTo("https://chat.whatsapp.com/x");
        assertThat(written.get(1).get("commit").asText()).isEqualTo("969fdc5c");
    }

    @Test
    void aLogThatCannotBeOpenedSaysWhere() throws IOException {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");

        assertThatThrownBy(() -> new JsonlAuditLog(notAFolder.resolve("audit.jsonl")))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot open audit log "
                        + notAFolder.resolve("audit.jsonl"));
    }

    @Test
    void recordingAfterCloseIsAnErrorNotASilentLoss() {
        JsonlAuditLog log = new JsonlAuditLog(dir.resolve("audit.jsonl"));
        log.close();

        assertThatThrownBy(() -> log.record(entry(null, null))).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write audit log");
    }
}
