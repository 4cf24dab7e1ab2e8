package io.connectusm.secrets.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One pass of {@link CredentialScanner} over one text: the position, the last key-like word seen (an
 * assignment's left-hand side), where the current {@code user:password@} segment started, and the few facts
 * detectors share. Confined to the scanning thread.
 */
final class Scan {

    /** At most this many spaces, and this many quotes, between a key word and its separator. */
    private static final int MAX_GAP_SPACES = 16;
    private static final int MAX_GAP_QUOTES = 3;

    final String text;
    final int length;
    final CredentialScanner.Mode mode;
    private final boolean awsContext;

    /** The last completed key-like word {@code [wordStart, wordEnd)}, or {@code wordEnd < 0} when none is pending. */
    int wordStart = -1;
    int wordEnd = -1;
    /** Spaces and quotes seen since {@link #wordEnd}. */
    int gapSpaces;
    int gapQuotes;
    /** Where the current segment (a candidate {@code user:password} before an {@code @}) started. */
    private int segmentStart;
    /** Characters before this index belong to a URL authority already examined. */
    int urlEnd;
    /** Memo of {@link JsonWebTokens}: its structure scan is shared by every start within one run. */
    private JsonWebTokens.Memo jwtMemo;

    private Boolean sasContext;
    private List<Finding> found;
    private List<Finding> awsSecretCandidates;

    Scan(String text, CredentialScanner.Mode mode, boolean awsContext) {
        this.text = text;
        this.length = text.length();
        this.mode = mode;
        this.awsContext = awsContext;
    }

    List<Finding> run() {
        int i = 0;
        int runStart = -1;
        boolean afterAlnum = false;
        while (i < length) {
            char c = text.charAt(i);
            boolean alnum = Chars.isAlnum(c);
            if (!afterAlnum && c > ' ') {
                Finding shape = Shapes.at(this, i);
                if (shape != null) {
                    i = accept(shape);
                    runStart = -1;
                    afterAlnum = i > 0 && Chars.isAlnum(text.charAt(i - 1));
                    continue;
                }
            }
            afterAlnum = alnum;
            if (alnum || c == '_' || c == '.' || c == '-') {
                if (runStart < 0) {
                    runStart = i;
                }
                i++;
                continue;
            }
            if (runStart >= 0) {
                wordStart = runStart;
                wordEnd = i;
                gapSpaces = 0;
                gapQuotes = 0;
                runStart = -1;
            }
            Finding finding = null;
            if (c == ':' && i + 2 < length && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
                finding = UrlCredentials.afterScheme(this, i + 3);
                if (finding == null) {
                    wordEnd = -1;
                    i += 3;
                    continue;
                }
            } else if (c == '=' || c == ':' || c == '>') {
                finding = wordEnd >= 0 ? InlineAssignments.at(this, i) : null;
            } else if (c == ' ' && i == wordEnd) {
                finding = AuthSchemes.afterWord(this);
                if (finding == null) {
                    finding = InlineAssignments.at(this, i);
                }
            } else if (c == '@' && i >= urlEnd) {
                finding = UrlCredentials.atSign(this, segmentStart, i);
            }
            if (finding != null) {
                i = accept(finding);
                afterAlnum = i > 0 && Chars.isAlnum(text.charAt(i - 1));
                continue;
            }
            trackGap(c, i);
            if (isSegmentBoundary(c)) {
                segmentStart = i + 1;
            }
            i++;
        }
        return finish();
    }

    /** Records {@code finding} (upgraded to a shape if its value is one) and returns where scanning resumes. */
    private int accept(Finding finding) {
        Finding recorded = finding;
        if (!finding.kind().isShape()) {
            Finding shape = Shapes.startingAt(this, finding.start());
            if (shape != null) {
                recorded = new Finding(finding.start(), Math.max(finding.end(), shape.end()), shape.kind());
            }
        }
        if (found == null) {
            found = new ArrayList<>(4);
        }
        found.add(recorded);
        wordEnd = -1;
        segmentStart = recorded.end();
        return Math.max(recorded.end(), recorded.start() + 1);
    }

    private void trackGap(char c, int i) {
        if (wordEnd < 0 || i < wordEnd) {
            return;
        }
        if ((c == ' ' || c == '\t') && gapSpaces < MAX_GAP_SPACES) {
            gapSpaces++;
        } else if ((Chars.isQuote(c) || c == '\\') && gapQuotes < MAX_GAP_QUOTES && gapSpaces == 0) {
            gapQuotes++;
        } else {
            wordEnd = -1;
        }
    }

    private static boolean isSegmentBoundary(char c) {
        switch (c) {
            case ' ': case '\t': case '\n': case '\r': case '"': case '\'': case '`': case '=': case ',': case '@':
            case '(': case ')': case ';': case '<': case '>': case '|': case '[': case ']': case '{': case '}':
            case '&': case '?':
                return true;
            default:
                return false;
        }
    }

    JsonWebTokens.Memo jwtMemo() {
        if (jwtMemo == null) {
            jwtMemo = new JsonWebTokens.Memo();
        }
        return jwtMemo;
    }

    /** A 40-character AWS secret key candidate; it becomes a finding if the text turns out to be about AWS. */
    void awsSecretCandidate(Finding candidate) {
        if (awsSecretCandidates == null) {
            awsSecretCandidates = new ArrayList<>(2);
        }
        awsSecretCandidates.add(candidate);
    }

    /** Whether the text holds an Azure SAS version parameter ({@code sv=}), making a {@code sig=} a SAS. */
    boolean sasContext() {
        if (sasContext == null) {
            sasContext = Chars.containsIgnoreCase(text, "sv=");
        }
        return sasContext;
    }

    private List<Finding> finish() {
        if (awsSecretCandidates != null) {
            // A line of a PEM block (a certificate, a public key) is 64 base64 characters, its last one often 40: an
            // AWS secret key's shape. Private keys are found whole by their own detector; the rest is harmless.
            awsSecretCandidates.removeIf(this::insidePemBlock);
        }
        if (awsSecretCandidates != null && !awsSecretCandidates.isEmpty() && aboutAws()) {
            found = mergeCandidates(found == null ? Collections.emptyList() : found, awsSecretCandidates);
        }
        return found == null ? Collections.emptyList() : found;
    }

    /** Both lists are ordered and free of overlaps; candidates overlapping a finding are dropped. Linear. */
    private static List<Finding> mergeCandidates(List<Finding> findings, List<Finding> candidates) {
        List<Finding> merged = new ArrayList<>(findings.size() + candidates.size());
        int f = 0;
        for (Finding candidate : candidates) {
            while (f < findings.size() && findings.get(f).end() <= candidate.start()) {
                merged.add(findings.get(f++));
            }
            boolean overlaps = f < findings.size() && findings.get(f).start() < candidate.end();
            if (!overlaps) {
                merged.add(candidate);
            }
        }
        while (f < findings.size()) {
            merged.add(findings.get(f++));
        }
        return merged;
    }

    /** Whether {@code candidate} lies between a PEM {@code -----BEGIN } line and its {@code -----END } line. */
    private boolean insidePemBlock(Finding candidate) {
        int begin = text.lastIndexOf("-----BEGIN ", candidate.start());
        return begin >= 0 && text.indexOf("-----END ", begin) >= candidate.end();
    }

    private boolean aboutAws() {
        if (awsContext) {
            return true;
        }
        if (found != null) {
            for (Finding finding : found) {
                if (finding.kind() == CredentialKind.AWS_ACCESS_KEY_ID) {
                    return true;
                }
            }
        }
        return Chars.containsWordIgnoreCase(text, "aws");
    }

}
