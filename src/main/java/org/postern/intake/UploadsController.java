package org.postern.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.config.PosternProperties;
import org.postern.intake.internal.ResumableUploads;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.postern.intake.internal.SubmissionRejected;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tus 1.0.0 resumable upload protocol (core, creation, termination, expiration) for a logged-in source.
 * The file name travels in {@code Upload-Metadata} and goes only into the encrypted literal data.
 */
@RestController
class UploadsController {

    static final String TUS_VERSION = "1.0.0";
    private static final String OFFSET_OCTETS = "application/offset+octet-stream";
    private static final int MAX_METADATA_CHARS = 4096;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final ResumableUploads uploads;
    private final Translations translations;
    private final SessionLanguages languages;
    private final boolean enabled;

    UploadsController(ResumableUploads uploads, Translations translations, SessionLanguages languages,
            PosternProperties properties) {
        this.uploads = uploads;
        this.translations = translations;
        this.languages = languages;
        this.enabled = properties.resumable().enabled();
    }

    @RequestMapping(path = {"/uploads", "/uploads/{id}"}, method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        if (!enabled) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.noContent().header("Tus-Resumable", TUS_VERSION).header("Tus-Version", TUS_VERSION)
                .header("Tus-Extension", "creation,termination,expiration")
                .header("Tus-Max-Size", Long.toString(uploads.maxLength())).build();
    }

    @RequestMapping(path = "/uploads", method = RequestMethod.POST)
    ResponseEntity<String> create(HttpServletRequest request) {
        ResponseEntity<String> refused = refuseUnlessTus(request);
        if (refused != null) {
            return refused;
        }
        long length = nonNegative(request.getHeader("Upload-Length"));
        if (length < 0) {
            return malformed(HttpStatus.BAD_REQUEST, request);
        }
        String fileName;
        try {
            fileName = fileName(request.getHeader("Upload-Metadata"));
        } catch (IllegalArgumentException malformed) {
            return malformed(HttpStatus.BAD_REQUEST, request);
        }
        try {
            ResumableUploads.Status status = uploads.create(sourceId(), length, fileName);
            return tus(ResponseEntity.status(HttpStatus.CREATED)).header(HttpHeaders.LOCATION,
                    "/uploads/" + status.id()).header("Upload-Offset", Long.toString(status.offset()))
                    .header("Upload-Expires", httpDate(status)).build();
        } catch (SubmissionRejected rejected) {
            return problem(rejected.status(), Rejections.text(rejected, translations, languages.current(request)));
        }
    }

    @RequestMapping(path = "/uploads/{id}", method = RequestMethod.HEAD)
    ResponseEntity<String> head(@PathVariable("id") String id, HttpServletRequest request) {
        ResponseEntity<String> refused = refuseUnlessTus(request);
        if (refused != null) {
            return refused;
        }
        return uploads.status(sourceId(), id).map(status -> tus(ResponseEntity.ok())
                .header("Upload-Offset", Long.toString(status.offset()))
                .header("Upload-Length", Long.toString(status.length()))
                .header("Upload-Expires", httpDate(status)).<String>build())
                .orElseGet(() -> tus(ResponseEntity.status(HttpStatus.NOT_FOUND)).build());
    }

    @RequestMapping(path = "/uploads/{id}", method = RequestMethod.PATCH)
    ResponseEntity<String> patch(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        ResponseEntity<String> refused = refuseUnlessTus(request);
        if (refused != null) {
            return refused;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(OFFSET_OCTETS)) {
            return malformed(HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
        }
        long offset = nonNegative(request.getHeader("Upload-Offset"));
        if (offset < 0) {
            return malformed(HttpStatus.BAD_REQUEST, request);
        }
        try {
            ResumableUploads.Status status = uploads.append(sourceId(), id, offset, request.getContentLengthLong(),
                    request.getInputStream());
            return tus(ResponseEntity.status(HttpStatus.NO_CONTENT)).header("Upload-Offset", Long.toString(status.offset()))
                    .header("Upload-Expires", httpDate(status)).build();
        } catch (SubmissionRejected rejected) {
            Rejections.closeIfAsked(rejected, request);
            return problem(rejected.status(), Rejections.text(rejected, translations, languages.current(request)));
        }
    }

    @RequestMapping(path = "/uploads/{id}", method = RequestMethod.DELETE)
    ResponseEntity<String> delete(@PathVariable("id") String id, HttpServletRequest request) {
        ResponseEntity<String> refused = refuseUnlessTus(request);
        if (refused != null) {
            return refused;
        }
        boolean dropped = uploads.terminate(sourceId(), id);
        return tus(ResponseEntity.status(dropped ? HttpStatus.NO_CONTENT : HttpStatus.NOT_FOUND)).build();
    }

    private ResponseEntity<String> refuseUnlessTus(HttpServletRequest request) {
        if (!enabled) {
            return ResponseEntity.notFound().build();
        }
        if (!TUS_VERSION.equals(request.getHeader("Tus-Resumable"))) {
            return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).header("Tus-Version", TUS_VERSION)
                    .header("Tus-Resumable", TUS_VERSION).build();
        }
        return null;
    }

    private static String sourceId() {
        // The security chain lets only a logged-in source reach these routes.
        return SourceSession.currentSourceId().orElseThrow();
    }

    private static ResponseEntity.BodyBuilder tus(ResponseEntity.BodyBuilder builder) {
        return builder.header("Tus-Resumable", TUS_VERSION);
    }

    /** A request no tus client of ours sends: the page's own sentence, in the source's language. */
    private ResponseEntity<String> malformed(HttpStatus status, HttpServletRequest request) {
        return problem(status, translations.text(languages.current(request), "reject.resumable.malformed"));
    }

    private static ResponseEntity<String> problem(HttpStatus status, String message) {
        return tus(ResponseEntity.status(status)).contentType(new MediaType(MediaType.TEXT_PLAIN,
                StandardCharsets.UTF_8)).body(message);
    }

    private static String httpDate(ResumableUploads.Status status) {
        return HTTP_DATE.format(status.expires().atZone(ZoneOffset.UTC));
    }

    private static long nonNegative(String header) {
        if (header == null || header.isEmpty() || header.length() > 19
                || !header.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(header);
        } catch (NumberFormatException tooBig) {
            return -1;
        }
    }

    /** The {@code filename} value of tus metadata ("key base64,key base64"); other keys are ignored. */
    static String fileName(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return "";
        }
        if (metadata.length() > MAX_METADATA_CHARS) {
            throw new IllegalArgumentException("metadata too long");
        }
        String name = "";
        for (String pair : metadata.split(",", -1)) {
            String[] kv = pair.strip().split(" ", -1);
            if (kv.length > 2 || kv[0].isEmpty()) {
                throw new IllegalArgumentException("malformed pair");
            }
            String value = kv.length == 2 ? new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8) : "";
            if ("filename".equals(kv[0])) {
                name = value;
            }
        }
        return name;
    }
}
