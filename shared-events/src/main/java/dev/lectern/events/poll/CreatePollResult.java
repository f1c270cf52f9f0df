package dev.lectern.events.poll;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.identity.UserId;

/**
 * What the Session aggregate answers to {@link CreatePollCommand}: the new poll, the class's teacher who owns it (null
 * when unknown) and the class's course (null for an ad-hoc class); the endpoint keeps the last two in the poll's gate
 * row to decide who may vote without loading the class.
 */
public record CreatePollResult(PollId pollId, UserId owner, CourseId courseId) {}
