package org.postern.review.inbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs (retention, notifications) run in the console's context, not the core: they then run only
 * while the server runs, stop when it stops, and never fire inside an operator command, which starts the core
 * alone (a {@code recipients add} must not delete submissions or send mail).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {
}
