package io.switchboard.monitor;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventOptionsTest {

    private static EventOptions parse(String json) {
        return EventOptions.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theJsonNamesOfTheOptionsBecomeTheQueryNamesOfTheEndpoints() {
        Query sut = parse("{\"subscriptions\":true,\"account\":\"A\",\"state\":1,\"limit\":5,\"sort\":\"cid\"}")
                .query(Map.of());
        assertThat(sut.bool("subs")).isTrue();
        assertThat(sut.text("acc")).isEqualTo("A");
        assertThat(sut.text("state")).isEqualTo("closed");
        assertThat(sut.integer("limit")).isEqualTo(5);
        assertThat(sut.text("sort")).isEqualTo("cid");
    }

    @Test
    void detailedSubscriptionsAndTheScopeOfAnAccountRequest() {
        Query sut = parse("{\"subscriptions_detail\":true,\"account\":\"B\"}").query(Map.of("acc", "A"));
        assertThat(sut.subscriptions()).isEqualTo(Query.Subscriptions.DETAIL);
        assertThat(sut.text("acc")).isEqualTo("A");
    }

    @Test
    void anEmptyBodyHasNoOptionsAndAStatzRequestNamesItsAccounts() {
        assertThat(parse("  ").query(Map.of()).bool("subs")).isFalse();
        assertThat(parse("{\"accounts\":[\"A\",\"B\"]}").accounts()).isEqualTo(List.of("A", "B"));
    }

    @Test
    void aBodyThatIsNoJsonObjectIsRefused() {
        assertThatThrownBy(() -> parse("{\"subscriptions\":")).isInstanceOf(IllegalArgumentException.class);
    }
}
