package dev.aqueduct.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body split into text fields and file parts, from bytes already
 * read in full. File bytes are kept exactly, so an upload can be checked byte for byte.
 */
record MultipartForm(Map<String, String> fields, List<FilePart> files) {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    static boolean isMultipart(@Nullable String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static MultipartForm parse(byte[] body, String contentType) {
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw ApiError.badRequest("The multipart Content-Type has no boundary: " + contentType, null);
        }
        String value = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
        byte[] delimiter = ("--" + value).getBytes(StandardCharsets.ISO_8859_1);
        byte[] separator = ("\r\n--" + value).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int partStart = position + delimiter.length;
            if (startsWith(body, partStart, new byte[] {'-', '-'}) || !startsWith(body, partStart, CRLF)) {
                return new MultipartForm(fields, files);
            }
            int next = indexOf(body, separator, partStart);
            if (next < 0) {
                break;
            }
            addPart(body, partStart + CRLF.length, next, fields, files);
            position = next + CRLF.length;
        }
        throw ApiError.badRequest("The multipart body ends before its closing boundary", null);
    }

    private static void addPart(byte[] body, int start, int end, Map<String, String> fields, List<FilePart> files) {
        int headersEnd = indexOf(body, HEADERS_END, start);
        if (headersEnd < 0 || headersEnd > end) {
            throw ApiError.badRequest("A multipart part has no blank line after its headers", null);
        }
        String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
        String disposition = disposition(headers);
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
            throw ApiError.badRequest("A multipart part has no name: " + disposition, null);
        }
        int contentStart = headersEnd + HEADERS_END.length;
        byte[] content = Arrays.copyOfRange(body, contentStart, end);
        Matcher filename = FILENAME.matcher(disposition);
        if (filename.find()) {
            files.add(new FilePart(name.group(1), filename.group(1), content));
        } else {
            fields.put(name.group(1), new String(content, StandardCharsets.UTF_8));
        }
    }

    private static String disposition(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                return line.substring(colon + 1).trim();
            }
        }
        throw ApiError.badRequest("A multipart part has no Content-Disposition header", null);
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        int last = haystack.length - needle.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (startsWith(haystack, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] haystack, int offset, byte[] prefix) {
        if (offset + prefix.length > haystack.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (haystack[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
