package org.postern.intake;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The calm page for a form that arrived without a live session; reached by forward, whatever the method. */
@Controller
class SessionEndedController {

    static final String PATH = "/session-ended";

    @RequestMapping(PATH)
    String sessionEnded() {
        return "intake/session-ended";
    }
}
