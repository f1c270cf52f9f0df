package dev.lectern.events.media;

/** What a client needs to reach the media room: the media server URL and a short-lived token. Null fields when media is off. */
public record JoinCredentials(String url, String token) {}
