package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeEvent;

/** One receiver of live events (an SSE stream): what it wants, and a hand-off that must never block. */
public interface EventSink {

    boolean wants(ChangeEvent event);

    /** Called on the dispatcher's thread; the sink moves the event to its own thread. */
    void offer(ChangeEvent event);

    /** The gateway stops: tell the client to reconnect (elsewhere) and end. */
    void close(String reason);

    /** Events this stream should have had are gone: end it, so the client resumes and learns what it missed. */
    void interrupt(String reason);
}
