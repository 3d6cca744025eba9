package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413. The declared Content-Length is checked first; a
 * body without one (chunked) is read up to the limit and counted, so no size escapes the check. The
 * body read is handed on from memory.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

    /** Set on a request whose refusal this filter has logged. */
    static final String REFUSAL_LOGGED = RequestBodyLimitFilter.class.getName() + ".logged";

    private final int limit;
    private final ProblemWriter problems;

    RequestBodyLimitFilter(int limit, ProblemWriter problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        // No Content-Length and no Transfer-Encoding: HTTP/1.1 says there is no body (a GET), nothing to read.
        if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = declared > limit ? null : readAtMost(request.getInputStream(), limit + 1);
        } catch (IOException e) {
            refuseUnreadableBody(request, response, e);
            return;
        }
        if (body == null || body.length > limit) {
            problems.write(response, ProblemType.PAYLOAD_TOO_LARGE.problem(
                    "the request body is larger than " + limit + " bytes"));
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /**
     * A body that breaks off or whose chunked encoding is malformed is the client's fault (Tomcat's
     * BadRequestException, an IOException): 400, one line at WARN, and the connection closed, since
     * what is left of the stream cannot be trusted. Tomcat may also mark such a request failed and
     * render its error page; the attribute tells {@link ProblemErrorController} it is logged already.
     */
    private void refuseUnreadableBody(HttpServletRequest request, HttpServletResponse response, IOException failure)
            throws IOException {
        log.warn("refused {} {}: its body could not be read ({})", request.getMethod(), request.getRequestURI(),
                failure.toString());
        request.setAttribute(REFUSAL_LOGGED, Boolean.TRUE);
        if (response.isCommitted()) {
            return;
        }
        response.setHeader("Connection", "close");
        try {
            problems.write(response, ProblemType.MALFORMED_REQUEST.problem(
                    "the request body could not be read: its chunked encoding is malformed or it ended early"));
        } catch (IOException gone) {
            log.debug("the client of {} went away before its answer", request.getRequestURI());
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    /** The request with its body already read into memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
