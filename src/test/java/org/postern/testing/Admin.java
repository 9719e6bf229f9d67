package org.postern.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link PosternServerExtension} for a logged-in admin: the first admin, made through the setup page, or
 * another one that admin invites when the name differs.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Admin {
    String value() default PosternServerExtension.FIRST_ADMIN;
}
