package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.JsonText;

import java.util.LinkedHashMap;
import java.util.Map;

/** The text/event-stream wire format of the gateway's SSE streams: change events, notices, retry and comments. */
final class SseFormat {

    static final String HEARTBEAT = ": heartbeat\n\n";

    private final ObjectMapper mapper;

    SseFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static String retry(long millis) {
        return "retry: " + millis + "\n\n";
    }

    /** {@code id:} the outbox id, {@code event:} the kind, {@code data:} the event as JSON. */
    String event(ChangeEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", event.id());
        data.put("aicon_id", event.aiconId());
        data.put("aicon_type", event.aiconType());
        data.put("kind", event.kind().name());
        data.put("version", event.version());
        data.put("at", event.at());
        return "id: " + event.id() + "\nevent: " + event.kind().name() + "\ndata: " + json(data) + "\n\n";
    }

    /** An event without an id (not a change): {@code reset}, {@code slow-client}, {@code shutdown}, {@code error}. */
    String notice(String event, Map<String, Object> data) {
        return "event: " + event + "\ndata: " + json(data) + "\n\n";
    }

    private String json(Map<String, Object> data) {
        return JsonText.write(mapper, data);
    }
}
