package dev.roster.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Feign client interface whose call may be sent again after a lost or transient answer without
 * changing the outcome. {@link SafeCallRetryer} retries only calls carrying it; an unmarked call (a create, a
 * message sent) is never retried.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {}
