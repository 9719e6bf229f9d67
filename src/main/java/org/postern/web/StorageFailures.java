package org.postern.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A database that fails under a request (a full disk, say, where H2 cannot write) is the server being unable to
 * accept the request now: a 503 on the side's error page, not a 500. The log gets the exception's type only,
 * because a database message can quote the values it was given.
 */
@ControllerAdvice
public final class StorageFailures {

    static final String CANNOT_ACCEPT = "error.cannotAcceptNow";
    private static final Logger LOG = LoggerFactory.getLogger(StorageFailures.class);

    private final String view;
    private final String organizationName;
    private final Runnable afterFailure;

    /** @param afterFailure run after each failure: retires the pool's connections to a database that failed */
    public StorageFailures(String view, String organizationName, Runnable afterFailure) {
        this.view = view;
        this.organizationName = organizationName;
        this.afterFailure = afterFailure;
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ModelAndView unavailable(RuntimeException e) {
        LOG.warn("A request failed in the database ({}); answered 503", e.getClass().getSimpleName());
        afterFailure.run();
        return new ModelAndView(view, Map.of("status", HttpStatus.SERVICE_UNAVAILABLE.value(), "reason",
                CANNOT_ACCEPT, "organizationName", organizationName, "pickerPath", "/"),
                HttpStatus.SERVICE_UNAVAILABLE);
    }
}
