package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest {

    private static Query query(String name, String value) {
        return new Query(new Request(HttpMethod.GET, "/connz", Map.of(name, List.of(value)), false, false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "true", "TRUE", "True"})
    void goTrueSpellings(String text) {
        assertThat(query("subs", text).bool("subs")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "false", "FALSE", "False", ""})
    void goFalseSpellingsAndAbsence(String text) {
        assertThat(query("subs", text).bool("subs")).isFalse();
    }

    @Test
    void anythingElseIsRefusedWithGosError() {
        assertThatThrownBy(() -> query("auth", "yes").bool("auth")).isInstanceOf(Query.Invalid.class)
                .hasMessage("Error decoding boolean for 'auth': strconv.ParseBool: parsing \"yes\": invalid syntax");
        assertThatThrownBy(() -> query("limit", "1.5").integer("limit"))
                .hasMessage("Error decoding int for 'limit': strconv.Atoi: parsing \"1.5\": invalid syntax");
        assertThatThrownBy(() -> query("cid", "-1").unsigned("cid"))
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
    }

    @Test
    void subsTakesDetailOrABoolean() {
        assertThat(query("subs", "detail").subscriptions()).isEqualTo(Query.Subscriptions.DETAIL);
        assertThat(query("subs", "DETAIL").subscriptions()).isEqualTo(Query.Subscriptions.DETAIL);
        assertThat(query("subs", "1").subscriptions()).isEqualTo(Query.Subscriptions.SUBJECTS);
        assertThat(query("subs", "0").subscriptions()).isEqualTo(Query.Subscriptions.NONE);
    }
}
