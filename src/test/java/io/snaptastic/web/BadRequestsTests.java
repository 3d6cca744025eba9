package io.snaptastic.web;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Bad requests of every kind, each answered with a 4xx problem before any work is done. */
@WebMvcTest(controllers = ProblemTestController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class BadRequestsTests {

    static final String DEEP = "{\"name\":\"a\",\"count\":1,\"tags\":" + "[".repeat(600) + "]".repeat(600) + "}";

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("malformed JSON", json("{\"name\": "), 400, "malformed-request"),
                bad("deeply nested JSON", json(DEEP), 400, "malformed-request"),
                bad("unknown property", json("{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}"), 400, "malformed-request"),
                bad("wrong type", json("{\"name\":\"a\",\"count\":\"many\"}"), 400, "malformed-request"),
                bad("array for an object", json("[]"), 400, "malformed-request"),
                bad("no body", post("/test/echo").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON), 400, "malformed-request"),
                bad("invalid values", json("{\"name\":\"\",\"count\":-1}"), 400, "validation-failed"),
                bad("wrong parameter type", json("{\"name\":\"a\",\"count\":1}").queryParam("wait", "soon"), 400,
                        "malformed-request"),
                bad("wrong content type", post("/test/echo").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.TEXT_PLAIN).content("name=a"), 415, "unsupported-media-type"),
                bad("10 MB body", post("/test/echo").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content(new byte[10 * 1024 * 1024]), 413,
                        "payload-too-large"),
                bad("body just over 64 KiB", json("{\"name\":\"" + "a".repeat(64 * 1024) + "\",\"count\":1}"), 413,
                        "payload-too-large"),
                bad("missing token", post("/test/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"count\":1}"), 401, "unauthorized"),
                bad("wrong token", post("/test/echo").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"count\":1}"), 401, "unauthorized"),
                bad("basic credentials", post("/test/echo").header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"), 401, "unauthorized"),
                bad("unknown path without token", get("/no/such/path"), 401, "unauthorized"),
                bad("unknown path", get("/no/such/path").header(HttpHeaders.AUTHORIZATION, BEARER), 404, "not-found"),
                bad("wrong method", put("/test/echo").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"), 405, "method-not-allowed"),
                bad("unacceptable answer", json("{\"name\":\"a\",\"count\":1}").accept(MediaType.APPLICATION_XML), 406,
                        "not-acceptable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithAProblem(String name, MockHttpServletRequestBuilder request, int status, String slug) throws Exception {
        mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void namesTheUnknownProperty() throws Exception {
        mvc.perform(json("{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}"))
                .andExpect(jsonPath("$.detail").value("unknown property 'colour'"));
    }

    @Test
    void listsEveryInvalidValue() throws Exception {
        mvc.perform(json("{\"name\":\"\",\"count\":-1}"))
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    @Test
    void asksForABearerTokenWhenNoneIsSent() throws Exception {
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"snaptastic\""));
        mvc.perform(post("/test/echo").header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token-0123456789"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"snaptastic\", error=\"invalid_token\""));
    }

    @Test
    void namesTheAllowedMethods() throws Exception {
        mvc.perform(put("/test/echo").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(header().string(HttpHeaders.ALLOW, "POST"));
    }

    @Test
    void acceptsAGoodRequestWithTheToken() throws Exception {
        mvc.perform(json("{\"name\":\"a\",\"count\":1,\"tags\":[[1]]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("a"));
    }

    private static MockHttpServletRequestBuilder json(String body) {
        return post("/test/echo").header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static Arguments bad(String name, MockHttpServletRequestBuilder request, int status, String slug) {
        return Arguments.of(name, request, status, slug);
    }
}
