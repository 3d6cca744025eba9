package io.snaptastic.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KebabCaseTests {

    enum Sample {
        ONE,
        ALREADY_MOUNTED,
        UNKNOWN
    }

    @Test
    void writesConstantsInLowerCaseWithHyphensBetweenWords() {
        assertThat(KebabCase.of(Sample.ONE)).isEqualTo("one");
        assertThat(KebabCase.of(Sample.ALREADY_MOUNTED)).isEqualTo("already-mounted");
    }

    @Test
    void readsOnlyTheExactKebabCaseNameAndFallsBackForAnythingElse() {
        assertThat(KebabCase.parse(Sample.class, "already-mounted", Sample.UNKNOWN)).isEqualTo(Sample.ALREADY_MOUNTED);
        assertThat(KebabCase.parse(Sample.class, "ALREADY_MOUNTED", Sample.UNKNOWN)).isEqualTo(Sample.UNKNOWN);
        assertThat(KebabCase.parse(Sample.class, "Already-Mounted", Sample.UNKNOWN)).isEqualTo(Sample.UNKNOWN);
        assertThat(KebabCase.parse(Sample.class, "resize-partition", Sample.UNKNOWN)).isEqualTo(Sample.UNKNOWN);
        assertThat(KebabCase.parse(Sample.class, null, Sample.UNKNOWN)).isEqualTo(Sample.UNKNOWN);
    }
}
