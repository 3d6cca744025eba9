package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTests {

    final List<Integer> items = IntStream.range(0, 12).boxed().toList();

    @Test
    void walksAllItemsPageByPage() {
        Page<Integer> first = Page.of(items, QueryParams.parse("MaxResults=5"), 5, 1000, false);
        Page<Integer> second = Page.of(items, QueryParams.parse("MaxResults=5&NextToken=" + first.nextToken()), 5, 1000, false);
        Page<Integer> last = Page.of(items, QueryParams.parse("MaxResults=5&NextToken=" + second.nextToken()), 5, 1000, false);

        assertThat(first.items()).containsExactly(0, 1, 2, 3, 4);
        assertThat(second.items()).containsExactly(5, 6, 7, 8, 9);
        assertThat(last.items()).containsExactly(10, 11);
        assertThat(last.nextToken()).isNull();
    }

    @Test
    void withoutMaxResultsEverythingIsOnePage() {
        Page<Integer> all = Page.of(items, QueryParams.parse(""), 5, 1000, false);

        assertThat(all.items()).hasSize(12);
        assertThat(all.nextToken()).isNull();
    }

    @Test
    void refusesOutOfRangeMaxResultsForgedTokensAndIdsWithMaxResults() {
        assertThatThrownBy(() -> Page.of(items, QueryParams.parse("MaxResults=1001"), 5, 1000, false))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> Page.of(items, QueryParams.parse("NextToken=abc"), 5, 1000, false))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> Page.of(items, QueryParams.parse("MaxResults=5"), 5, 1000, true))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterCombination"));
    }
}
