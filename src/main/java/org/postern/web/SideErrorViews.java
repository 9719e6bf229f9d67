package org.postern.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * A side's error page, and the only one: it replaces Boot's error controller, which answers clients that do not
 * ask for HTML with JSON carrying a timestamp and the request path. Never a stack trace, never a server version.
 */
@Controller
public final class SideErrorViews implements ErrorController {

    private final String view;
    private final String organizationName;

    public SideErrorViews(String view, String organizationName) {
        this.view = view;
        this.organizationName = organizationName;
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        return new ModelAndView(view, Map.of("status", status.value(), "reason", reason(status),
                "organizationName", organizationName, "pickerPath", "/"), status);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatus.resolve(code) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** The message key of what the page says for {@code status}. */
    static String reason(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "error.notFound";
            case FORBIDDEN -> "error.forbidden";
            case METHOD_NOT_ALLOWED, BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE -> "error.notUnderstood";
            case PAYLOAD_TOO_LARGE, REQUEST_HEADER_FIELDS_TOO_LARGE, URI_TOO_LONG -> "error.tooLarge";
            case TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE -> "error.busy";
            case INSUFFICIENT_STORAGE -> "error.noStorage";
            default -> status.is4xxClientError() ? "error.notUnderstood" : "error.server";
        };
    }
}
