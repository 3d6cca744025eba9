package io.snaptastic.check;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.web.WebTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = CheckController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class CheckControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CheckService checks;

    @Test
    void isOkOnlyWhenEveryCheckPassed() throws Exception {
        given(checks.run()).willReturn(List.of(CheckItem.pass("imds", "instance i-0123456789abcdef0"),
                CheckItem.fail("root", "running as uid 1000", "run the agent as root")));

        mvc.perform(get("/checks").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.items[0].name").value("imds"))
                .andExpect(jsonPath("$.items[0].ok").value(true))
                .andExpect(jsonPath("$.items[1].status").value("failed"))
                .andExpect(jsonPath("$.items[1].remedy").value("run the agent as root"));
    }

    @Test
    void isOkWhenAllPassed() throws Exception {
        given(checks.run()).willReturn(List.of(CheckItem.pass("imds", "instance i-0123456789abcdef0")));

        mvc.perform(get("/checks").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.items[0].remedy").doesNotExist());
    }

    @Test
    void staysOkWhenItemsAreOnlyInconclusive() throws Exception {
        given(checks.run()).willReturn(List.of(CheckItem.pass("credentials", "EC2 accepts the agent's credentials"),
                CheckItem.inconclusive("ec2:AttachVolume", "could not be checked: EC2 answered InvalidVolume.NotFound "
                        + "for the placeholder id", "confirm by running the operation once")));

        mvc.perform(get("/checks").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.items[0].status").value("passed"))
                .andExpect(jsonPath("$.items[1].status").value("inconclusive"))
                .andExpect(jsonPath("$.items[1].ok").value(false))
                .andExpect(jsonPath("$.items[1].remedy").value("confirm by running the operation once"))
                .andExpect(jsonPath("$.items[1].failed").doesNotExist());
    }

    @Test
    void checksNeedTheTokenBecauseTheyProbeEc2() throws Exception {
        mvc.perform(get("/checks"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("unauthorized")));
        then(checks).shouldHaveNoInteractions();
    }
}
