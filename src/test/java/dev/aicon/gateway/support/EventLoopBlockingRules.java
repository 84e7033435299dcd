package dev.aicon.gateway.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What counts as blocking, where, for {@link EventLoopBlockingDetector}. Vert.x event loops are the non-blocking
 * threads (Vert.x 4 names them {@code vert.x-eventloop-thread-N}; the name is used rather than
 * {@code VertxThread.isWorker()} because the test JVM may hold several copies of the Vert.x classes, one per
 * Quarkus application class loader). BlockHound's own list covers sleeping, parking, waiting, socket and stream
 * I/O and process starts; file-system calls are added here because the gateway's file store, journal and blob
 * spool would otherwise pass unseen. Each allowance names why that call cannot stall an event loop. Allowances
 * only name JDK or Quarkus bootstrap classes: BlockHound's hooks in a class of the application class loader would
 * reach that loader's own copy of BlockHound and fail with {@link IllegalAccessError}.
 */
final class EventLoopBlockingRules implements BlockHoundIntegration {

    private static final String EVENT_LOOP_PREFIX = "vert.x-eventloop-thread-";
    private static final String UNIX_CALLS = "sun.nio.fs.UnixNativeDispatcher";
    private static final String FILE_CALLS = "sun.nio.ch.FileDispatcherImpl";
    private static final String IO_FILES = "java.io.UnixFileSystem";
    private static final String QUARKUS_CLASS_LOADER = "io.quarkus.bootstrap.classloading.QuarkusClassLoader";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(EventLoopBlockingRules::isEventLoop));
        markFileSystemCalls(builder);
        allowBenignCalls(builder);
    }

    static boolean isEventLoop(Thread thread) {
        return thread.getName().startsWith(EVENT_LOOP_PREFIX);
    }

    private static void markFileSystemCalls(BlockHound.Builder builder) {
        // java.nio.file.Files: exists, stat, delete, move, create, open, list (JDK 17 signatures)
        builder.markAsBlocking(UNIX_CALLS, "stat0", "(JLsun/nio/fs/UnixFileAttributes;)V")
                .markAsBlocking(UNIX_CALLS, "stat1", "(J)I")
                .markAsBlocking(UNIX_CALLS, "lstat0", "(JLsun/nio/fs/UnixFileAttributes;)V")
                .markAsBlocking(UNIX_CALLS, "access0", "(JI)V")
                .markAsBlocking(UNIX_CALLS, "exists0", "(J)Z")
                .markAsBlocking(UNIX_CALLS, "unlink0", "(J)V")
                .markAsBlocking(UNIX_CALLS, "rmdir0", "(J)V")
                .markAsBlocking(UNIX_CALLS, "rename0", "(JJ)V")
                .markAsBlocking(UNIX_CALLS, "mkdir0", "(JI)V")
                .markAsBlocking(UNIX_CALLS, "open0", "(JII)I")
                .markAsBlocking(UNIX_CALLS, "opendir0", "(J)J")
                .markAsBlocking(UNIX_CALLS, "readdir", "(J)[B");
        // FileChannel reads, writes and fsync
        builder.markAsBlocking(FILE_CALLS, "read0", "(Ljava/io/FileDescriptor;JI)I")
                .markAsBlocking(FILE_CALLS, "pread0", "(Ljava/io/FileDescriptor;JIJ)I")
                .markAsBlocking(FILE_CALLS, "write0", "(Ljava/io/FileDescriptor;JI)I")
                .markAsBlocking(FILE_CALLS, "pwrite0", "(Ljava/io/FileDescriptor;JIJ)I")
                .markAsBlocking(FILE_CALLS, "writev0", "(Ljava/io/FileDescriptor;JI)J")
                .markAsBlocking(FILE_CALLS, "force0", "(Ljava/io/FileDescriptor;Z)I");
        // java.io.File: exists, delete, rename, list
        builder.markAsBlocking(IO_FILES, "getBooleanAttributes0", "(Ljava/io/File;)I")
                .markAsBlocking(IO_FILES, "delete0", "(Ljava/io/File;)Z")
                .markAsBlocking(IO_FILES, "rename0", "(Ljava/io/File;Ljava/io/File;)Z")
                .markAsBlocking(IO_FILES, "list", "(Ljava/io/File;)[Ljava/lang/String;");
    }

    private static void allowBenignCalls(BlockHound.Builder builder) {
        // Non-blocking socket channels (every Netty NIO write) reach the file dispatcher's write0/writev0 in JDK 17;
        // on a channel in non-blocking mode the call returns at once with what the socket buffer took.
        builder.allowBlockingCallsInside("sun.nio.ch.SocketDispatcher", "write")
                .allowBlockingCallsInside("sun.nio.ch.SocketDispatcher", "writev");
        // Lazy class and resource loading from the application's jars, once per class (BlockHound allows
        // java.lang.ClassLoader.loadClass itself; Quarkus' class loader overrides it without calling it).
        builder.allowBlockingCallsInside(QUARKUS_CLASS_LOADER, "loadClass")
                .allowBlockingCallsInside(QUARKUS_CLASS_LOADER, "getResource")
                .allowBlockingCallsInside(QUARKUS_CLASS_LOADER, "getResources");
        // ServiceLoader reading META-INF/services from the jars: libraries look their providers up once and keep them
        // (the JAX-RS RuntimeDelegate on the first Response built).
        builder.allowBlockingCallsInside("java.util.ServiceLoader$LazyClassPathLookupIterator", "hasNextService");
        // Random UUIDs and other SecureRandom bytes read /dev/urandom, which never blocks once the kernel's pool is
        // initialised (long before a test runs).
        builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
        // JDK networking initialises once per JVM on the first server socket: it reads conf/net.properties and
        // loads libextnet; Vert.x opens its server sockets on an event loop.
        builder.allowBlockingCallsInside("sun.net.NetProperties", "loadDefaultProperties")
                .allowBlockingCallsInside("jdk.internal.loader.NativeLibraries", "loadLibrary");
        // Handing a task to an executor (how work leaves the event loop: Mutiny's runSubscriptionOn, Vert.x's async
        // file writes) takes the queue's lock for the few instructions of an enqueue; Vert.x closing its worker pool at
        // shutdown takes the pool's lock the same way.
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute")
                .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "shutdownNow");
    }
}
