package dev.aqueduct.relay;

/** Searching raw bytes, for the multipart scanners that must not decode what they pass on. */
final class Bytes {
    private Bytes() {
    }

    /** Where {@code pattern} first starts in {@code bytes[from, length)}, or -1. */
    static int indexOf(byte[] bytes, int length, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
