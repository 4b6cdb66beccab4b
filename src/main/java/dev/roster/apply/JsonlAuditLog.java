package dev.roster.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends one JSON object per line to a file, flushed after every entry so a crash loses nothing written. The log
 * holds invite links, so a new log file is readable by its owner only.
 */
public final class JsonlAuditLog implements AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;

    public JsonlAuditLog(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = PrivateFiles.appender(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void record(AuditEntry e) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", e.time().toString());
        line.put("bot", e.bot());
        line.put("group", e.groupKey());
        line.put("group_id", e.groupId());
        line.put("action", e.action());
        ArrayNode numbers = line.putArray("numbers");
        e.numbers().forEach(n -> numbers.add(n.e164()));
        line.put("outcome", e.outcome());
        line.put("error", e.error());
        if (e.detail() != null) {
            line.put("detail", e.detail());
        }
        if (e.commit() != null) {
            line.put("commit", e.commit());
        }
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write audit log: " + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close audit log: " + e.getMessage(), e);
        }
    }
}
