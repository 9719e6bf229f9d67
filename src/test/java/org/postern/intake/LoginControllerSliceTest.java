package org.postern.intake;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postern.crypto.Codename;
import org.postern.crypto.CodenameGenerator;
import org.postern.intake.internal.CodenameAttemptLimiter;
import org.postern.testing.ControllerSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The codename login's answers in isolation: which status and page each outcome gets, and which outcomes spend
 * the guessing budget. The lookup itself (Argon2id, peppers) is {@code SourceAccounts}' and is tested through a
 * real server elsewhere; here it answers as told.
 */
@ControllerSlice
@ContextConfiguration(classes = LoginControllerSliceTest.Slice.class)
class LoginControllerSliceTest {

    private static final String SEVEN_WORDS = "acorn badge cider dune ember fjord gable";

    @Import(LoginController.class)
    static class Slice {
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    SourceAccounts accounts;
    @MockitoBean
    CodenameAttemptLimiter limiter;
    @MockitoBean
    CodenameGenerator generator;

    private final CodenameAttemptLimiter.Turn turn = mock(CodenameAttemptLimiter.Turn.class);

    @BeforeEach
    void aTurnIsFreeAndTheWordsAreFromTheList() throws InterruptedException {
        when(limiter.awaitTurn()).thenReturn(Optional.of(turn));
        when(generator.couldHaveMade(any(Codename.class))).thenReturn(true);
    }

    @Test
    void aKnownCodenameGoesToTheRepliesAndGivesItsTurnBack() throws Exception {
        when(accounts.logIn(any(), any(), any())).thenReturn(SourceAccounts.LoginResult.OK);

        mvc.perform(post("/login").param("codename", SEVEN_WORDS))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/lookup"));
        verify(turn).giveBack();
    }

    @Test
    void anUnknownCodenameIsRefusedAndSpendsItsTurn() throws Exception {
        when(accounts.logIn(any(), any(), any())).thenReturn(SourceAccounts.LoginResult.UNKNOWN);

        mvc.perform(post("/login").param("codename", SEVEN_WORDS))
                .andExpect(status().isUnauthorized())
                .andExpect(view().name("intake/login"))
                .andExpect(model().attribute("error", LoginController.GENERIC_ERROR));
        verify(turn, never()).giveBack();
    }

    @Test
    void wordsNotFromTheListAreRefusedAlikeWithoutALookupOrATurn() throws Exception {
        when(generator.couldHaveMade(any(Codename.class))).thenReturn(false);

        mvc.perform(post("/login").param("codename", SEVEN_WORDS))
                .andExpect(status().isUnauthorized())
                .andExpect(view().name("intake/login"))
                .andExpect(model().attribute("error", LoginController.GENERIC_ERROR));
        verify(limiter, never()).awaitTurn();
        verify(accounts, never()).logIn(any(), any(), any());
    }

    @Test
    void noCodenameAtAllIsRefusedAlike() throws Exception {
        mvc.perform(post("/login"))
                .andExpect(status().isUnauthorized())
                .andExpect(model().attribute("error", LoginController.GENERIC_ERROR));
        mvc.perform(post("/login").param("codename", "   "))
                .andExpect(status().isUnauthorized())
                .andExpect(model().attribute("error", LoginController.GENERIC_ERROR));
        verify(accounts, never()).logIn(any(), any(), any());
    }

    @Test
    void anEmptyBudgetGetsTheBusyPageWithoutALookup() throws Exception {
        when(limiter.awaitTurn()).thenReturn(Optional.empty());

        mvc.perform(post("/login").param("codename", SEVEN_WORDS))
                .andExpect(status().isTooManyRequests())
                .andExpect(view().name("intake/busy"));
        verify(accounts, never()).logIn(any(), any(), any());
    }

    @Test
    void aBusyKdfGetsTheBusyPageAndGivesTheTurnBack() throws Exception {
        when(accounts.logIn(any(), any(), any())).thenReturn(SourceAccounts.LoginResult.BUSY);

        mvc.perform(post("/login").param("codename", SEVEN_WORDS))
                .andExpect(status().isServiceUnavailable())
                .andExpect(view().name("intake/busy"));
        verify(turn).giveBack();
    }
}
