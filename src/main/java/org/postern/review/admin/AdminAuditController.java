package org.postern.review.admin;

import org.postern.audit.AuditLog;
import org.postern.audit.AuditVerifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins read the audit log, newest first, and see whether its hash chain is intact. */
@Controller
class AdminAuditController {

    private static final int PAGE_SIZE = 100;

    private final AuditLog audit;
    private final AuditVerifier verifier;
    private final AuditRows rows;

    AdminAuditController(AuditLog audit, AuditVerifier verifier, AuditRows rows) {
        this.audit = audit;
        this.verifier = verifier;
        this.rows = rows;
    }

    @GetMapping("/admin/audit")
    String show(@RequestParam(name = "page", defaultValue = "0") String page, Model model) {
        int p = page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 0;
        long total = audit.count();
        model.addAttribute("rows", rows.of(audit.page(p, PAGE_SIZE)));
        model.addAttribute("page", p);
        model.addAttribute("hasOlder", (long) (p + 1) * PAGE_SIZE < total);
        model.addAttribute("verification", verifier.verify());
        return "review/admin/audit";
    }
}
