package org.postern.review.login;

import org.postern.accounts.SetupTokens;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    private final SetupTokens setup;

    LoginController(SetupTokens setup) {
        this.setup = setup;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("setupOpen", setup.isSetupOpen());
        return "review/login";
    }

    /** The key half of a login; shown after every password-only attempt, right or wrong. */
    @GetMapping("/login/key")
    String key() {
        return "review/login-key";
    }
}
