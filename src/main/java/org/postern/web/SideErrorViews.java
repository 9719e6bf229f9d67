package org.postern.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** Errors render the side's own friendly page: never a stack trace, never a server version. */
public final class SideErrorViews implements ErrorViewResolver {

    private final String view;

    public SideErrorViews(String view) {
        this.view = view;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        ModelAndView mav = new ModelAndView(view, Map.of("status", status.value(), "reason", reason(status)), status);
        return mav;
    }

    static String reason(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is no page at this address.";
            case FORBIDDEN -> "This request was refused. If you submitted a form, go back, reload the page and try again.";
            case METHOD_NOT_ALLOWED, BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE -> "The request was not understood.";
            case PAYLOAD_TOO_LARGE, REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request was too large.";
            case TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE -> "The server is busy. Please wait a minute and try again.";
            default -> status.is4xxClientError() ? "The request was not understood."
                    : "Something went wrong on the server. Nothing you sent was kept in readable form.";
        };
    }
}
