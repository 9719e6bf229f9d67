package org.postern.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

/**
 * A controller slice: one controller in a bare MVC context, its collaborators as the test declares them. Postern
 * has no single application class to find (each side is a child context over the core), so each slice names its
 * controller through {@code @ContextConfiguration}. Pages are not rendered (the view name is what a slice checks;
 * templates are checked through real servers), and the filter chain stays out: a slice tests what the handler
 * decides, the security tests what reaches it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(excludeAutoConfiguration = ThymeleafAutoConfiguration.class)
@AutoConfigureMockMvc(addFilters = false)
public @interface ControllerSlice {
}
