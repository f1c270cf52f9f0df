package dev.lectern.query.identity;

import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.query.identity.UserDirectoryRepository.UserView;
import dev.lectern.query.web.Paging;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /admin/users}: the tenant's users with their roles, for admins. */
@RestController
class UserDirectoryController {

    private final UserDirectoryRepository directory;

    UserDirectoryController(UserDirectoryRepository directory) {
        this.directory = directory;
    }

    @GetMapping(path = "/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<UserView>> users(Actor actor, @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.MANAGE_USERS);
        return directory.users(actor.tenantId(), Paging.limit(limit)).collectList();
    }
}
