package dev.lectern.query.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event handling component whose handlers do not write to the database (they fold in memory
 * and write once per batch, after checking that what they write is storable). Its handlers run without
 * the savepoint that otherwise surrounds every event handler, which would cost two round trips per
 * event on the hottest path (docs/adr/0012-poison-isolation-dead-letters.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NoWritesInHandler {}
