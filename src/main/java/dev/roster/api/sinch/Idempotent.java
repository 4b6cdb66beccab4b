package dev.roster.api.sinch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SinchV1Client} call that may be sent again after a lost or transient answer without
 * changing the outcome. {@link SinchRetryer} retries only calls carrying it; an unmarked call (create)
 * is never retried.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Idempotent {}
