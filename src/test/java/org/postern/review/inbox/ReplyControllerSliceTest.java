package org.postern.review.inbox;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postern.accounts.Role;
import org.postern.audit.AuditActor;
import org.postern.recipients.RecipientRegistry;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.postern.sources.Reply;
import org.postern.sources.ReplyService;
import org.postern.sources.Source;
import org.postern.testing.ControllerSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reply form's answers in isolation: what is refused before anything is encrypted, what the investigator
 * gets back to correct, and a source deleted while the reply was written. Encryption and storage are
 * {@code ReplyService}'s, tested with gpg through real servers.
 */
@ControllerSlice
@ContextConfiguration(classes = ReplyControllerSliceTest.Slice.class)
class ReplyControllerSliceTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final ConsoleUser ME = new ConsoleUser("a1", "ada", Role.INVESTIGATOR, 0);

    /** Spring Security's MVC support resolves the {@code @AuthenticationPrincipal} parameter. */
    @Import(ReplyController.class)
    @EnableWebSecurity
    static class Slice {
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    SourcePage page;
    @MockitoBean
    ReplyService replies;
    @MockitoBean
    RecipientRegistry recipients;
    @MockitoBean
    ConsoleText words;

    @BeforeEach
    void aSignedInInvestigatorOnASourceWithRecipients() {
        // The slice runs no filter chain; the handler reads the principal from the thread's context.
        TestSecurityContextHolder.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ME, null,
                List.of(new SimpleGrantedAuthority("ROLE_INVESTIGATOR"))));
        when(page.load(ID)).thenReturn(new Source(ID, "source-1", null, LocalDate.EPOCH, LocalDate.EPOCH));
        when(recipients.acceptsSubmissions()).thenReturn(true);
        when(words.of(anyString())).thenAnswer(call -> "text of " + call.getArgument(0));
    }

    @Test
    void aReplyIsSentAsTheSignedInInvestigatorAndTheFormGoesBackToTheSource() throws Exception {
        when(replies.send(ID, "hello", AuditActor.account("ada"))).thenReturn(Optional.of(mock(Reply.class)));

        mvc.perform(post("/sources/" + ID + "/reply").param("text", "hello"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sources/" + ID + "?replied"));
        verify(replies).send(ID, "hello", AuditActor.account("ada"));
    }

    @Test
    void aBlankReplyIsRefusedWithTheTextKept() throws Exception {
        mvc.perform(post("/sources/" + ID + "/reply").param("text", " \n "))
                .andExpect(status().isBadRequest())
                .andExpect(view().name(SourcePage.VIEW))
                .andExpect(model().attribute("replyError", "text of reply.empty"))
                .andExpect(model().attribute("replyText", " \n "));
        verify(replies, never()).send(any(), any(), any());
    }

    @Test
    void aReplyOverTheLimitIsRefusedAndNotEchoedBack() throws Exception {
        String tooLong = "a".repeat(ReplyController.MAX_REPLY_BYTES + 1);

        mvc.perform(post("/sources/" + ID + "/reply").param("text", tooLong))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("replyError", "text of reply.tooLong"))
                .andExpect(model().attribute("replyText", ""));
        verify(replies, never()).send(any(), any(), any());
    }

    @Test
    void withNoRecipientKeyTheReplyWaitsWithItsText() throws Exception {
        when(recipients.acceptsSubmissions()).thenReturn(false);

        mvc.perform(post("/sources/" + ID + "/reply").param("text", "hello"))
                .andExpect(status().isConflict())
                .andExpect(model().attribute("replyError", "text of reply.noKey"))
                .andExpect(model().attribute("replyText", "hello"));
        verify(page).fill(any(), any(), eq("a1"));
        verify(replies, never()).send(any(), any(), any());
    }

    @Test
    void aSourceDeletedWhileTheReplyWasWrittenIsNotFound() throws Exception {
        when(replies.send(any(), any(), any())).thenReturn(Optional.empty());

        mvc.perform(post("/sources/" + ID + "/reply").param("text", "hello"))
                .andExpect(status().isNotFound());
    }
}
