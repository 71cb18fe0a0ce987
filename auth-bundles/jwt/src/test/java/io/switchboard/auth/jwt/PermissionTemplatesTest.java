package io.switchboard.auth.jwt;

import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.SubjectRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionTemplatesTest {

    private static final PermissionTemplates.Subject ALICE = new PermissionTemplates.Subject("alice", "UALICE",
            List.of("dept:sales", "dept:ops", "region:eu"), "shop", "ASHOP", List.of("tier:gold"));

    @Test
    void functionsBecomeTheUsersAndTheAccountsNamesAndKeys() throws Exception {
        Permissions filled = fill(List.of("{{name()}}.>", "inbox.{{subject()}}", "{{account-name()}}.{{account-subject()}}"),
                List.of("{{name()}}.secret"));
        assertThat(filled.publish()).isEqualTo(new SubjectRules(List.of("alice.>", "inbox.UALICE", "shop.ASHOP"),
                List.of("alice.secret")));
    }

    @Test
    void aTagGivesOneSubjectPerValueAndTagNamesIgnoreCase() throws Exception {
        Permissions filled = fill(List.of("{{Tag(dept)}}.{{tag(region)}}", "{{account-tag(tier)}}.news"), List.of());
        assertThat(filled.publish().allow()).containsExactly("sales.eu", "ops.eu", "gold.news");
    }

    @Test
    void allowedSubjectsThatCannotResolveAreLeftOutAndAnEmptiedAllowDeniesAll() throws Exception {
        PermissionTemplates.Subject nameless = new PermissionTemplates.Subject("", "UALICE", List.of(), "", "ASHOP", List.of());
        Permissions filled = PermissionTemplates.fill(permissions(List.of("{{name()}}.>", "{{tag(dept)}}", "{{nope()}}"),
                List.of()), nameless);
        assertThat(filled.publish()).isEqualTo(new SubjectRules(List.of(), List.of(">")));
        assertThat(filled.subscribe()).isEqualTo(SubjectRules.ALL);
    }

    @Test
    void aDeniedSubjectThatCannotResolveRefusesTheUser() {
        assertThatThrownBy(() -> fill(List.of(), List.of("{{tag(missing)}}.>")))
                .isInstanceOf(InvalidJwtException.class).hasMessage("generated invalid subject");
    }

    @Test
    void listsWithoutTemplatesStayAsTheyAre() throws Exception {
        Permissions plain = permissions(List.of("a.b", "x.{{y"), List.of("c"));
        assertThat(PermissionTemplates.fill(plain, ALICE)).isEqualTo(plain);
    }

    private static Permissions fill(List<String> allow, List<String> deny) throws InvalidJwtException {
        return PermissionTemplates.fill(permissions(allow, deny), ALICE);
    }

    private static Permissions permissions(List<String> allow, List<String> deny) {
        return new Permissions(new SubjectRules(allow, deny), SubjectRules.ALL, Optional.empty());
    }
}
