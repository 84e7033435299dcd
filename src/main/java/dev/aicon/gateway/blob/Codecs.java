package dev.aicon.gateway.blob;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.aicon.gateway.config.BlobConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Streams that compress and decompress with each codec: JDK gzip, zstd-jni for zstd. */
public final class Codecs {

    private Codecs() {}

    public static OutputStream compressing(BlobConfig.Codec codec, int level, OutputStream out) throws IOException {
        return switch (codec) {
            case none -> out;
            case gzip ->
                new GZIPOutputStream(out, 64 * 1024) {
                    {
                        def.setLevel(Math.max(Deflater.BEST_SPEED, Math.min(Deflater.BEST_COMPRESSION, level)));
                    }
                };
            case zstd -> new ZstdOutputStream(out, level);
        };
    }

    public static InputStream decompressing(BlobConfig.Codec codec, InputStream in) throws IOException {
        return switch (codec) {
            case none -> in;
            case gzip -> new GZIPInputStream(in, 64 * 1024);
            case zstd -> new ZstdInputStream(in);
        };
    }
}
