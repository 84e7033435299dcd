package dev.aicon.gateway.support;

import reactor.blockhound.BlockingMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The blocking calls the detector saw on event loops since the last {@link #drain()}, one entry per distinct call
 * site with how often it happened. Recording never blocks and never throws into the event loop: the test thread
 * reports what was recorded (an error thrown on an event loop may only be logged and the request answered 500).
 */
public final class EventLoopViolations {

    private static final int SHOWN_FRAMES = 30;
    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    private EventLoopViolations() {}

    /** Records one blocking call made by the current thread. */
    static void record(BlockingMethod method) {
        Thread thread = Thread.currentThread();
        StackTraceElement[] frames = new Throwable().getStackTrace();
        if (isBeanCreationWait(method, frames)) {
            return;
        }
        String stack = Arrays.stream(frames)
                .dropWhile(frame -> !isBlockingFrame(frame, method))
                .limit(SHOWN_FRAMES)
                .map(frame -> "\tat " + frame)
                .collect(Collectors.joining("\n"));
        SEEN.computeIfAbsent(method + "\n" + stack, key -> new Seen(method.toString(), thread.getName(), stack))
                .count
                .incrementAndGet();
    }

    /** Takes every recorded call, leaving none. */
    public static List<String> drain() {
        List<String> reports = new ArrayList<>();
        for (String key : List.copyOf(SEEN.keySet())) {
            Seen seen = SEEN.remove(key);
            if (seen != null) {
                reports.add(seen.report());
            }
        }
        return reports;
    }

    /**
     * A park on ArC's lock while another thread creates the same normal-scoped bean on its first use: a one-time wait
     * for a constructor that is itself watched (any blocking call in it is recorded on its own thread). It cannot be
     * allowed through BlockHound by name (ArC is loaded by the application's class loader), so it is left out here.
     */
    private static boolean isBeanCreationWait(BlockingMethod method, StackTraceElement[] frames) {
        return method.getName().equals("park")
                && Arrays.stream(frames)
                        .anyMatch(frame -> frame.getClassName().startsWith("io.quarkus.arc.")
                                && (frame.getMethodName().equals("computeIfAbsent")
                                        || frame.getClassName().equals("io.quarkus.arc.impl.LazyValue")));
    }

    private static boolean isBlockingFrame(StackTraceElement frame, BlockingMethod method) {
        return frame.getClassName().equals(method.getClassName())
                && frame.getMethodName().endsWith(method.getName());
    }

    private static final class Seen {
        final String method;
        final String thread;
        final String stack;
        final AtomicInteger count = new AtomicInteger();

        Seen(String method, String thread, String stack) {
            this.method = method;
            this.thread = thread;
            this.stack = stack;
        }

        String report() {
            return "Blocking call " + method + " on " + thread + " (" + count.get() + "x)\n" + stack;
        }
    }
}
