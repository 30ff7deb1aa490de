package dev.cilia.syntax;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import dev.cilia.syntax.antlr.CiliaLexer;
import dev.cilia.syntax.antlr.CiliaParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Parses {@code .cilia} text into an {@link Ast.CiliaFile}, or syntax diagnostics. */
public final class Parser {
  private Parser() {}

  /** The result of parsing one file: a tree when there were no syntax errors. */
  public record Result(Optional<Ast.CiliaFile> file, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Result parse(SourceFile source) {
    Offsets offsets = new Offsets(source.text());
    CiliaLexer lexer = new CiliaLexer(CharStreams.fromString(source.text(), source.displayName()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();

    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Token token : tokens.getTokens()) {
      if (token.getType() == CiliaLexer.INVALID) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0103,
                offsets.span(source, token),
                "invalid character `" + token.getText() + "`",
                invalidHint(source, offsets, token)));
      } else if (token.getType() == CiliaLexer.UNTERMINATED_STRING) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0102,
                offsets.span(source, token),
                "unterminated string",
                "close the string with `\"` on the same line"));
      }
    }

    CiliaParser parser = new CiliaParser(tokens);
    parser.removeErrorListeners();
    SyntaxErrors errors = new SyntaxErrors(source, offsets, tokens.getTokens());
    parser.addErrorListener(errors);
    CiliaParser.FileContext tree = parser.file();
    diagnostics.addAll(errors.diagnostics);

    if (!diagnostics.isEmpty()) {
      return new Result(Optional.empty(), diagnostics);
    }
    AstBuilder builder = new AstBuilder(source, offsets, tokens);
    Ast.CiliaFile file = builder.build(tree);
    diagnostics.addAll(builder.diagnostics());
    return new Result(
        diagnostics.stream().anyMatch(Diagnostic::isError) ? Optional.empty() : Optional.of(file),
        diagnostics);
  }

  private static String invalidHint(SourceFile source, Offsets offsets, Token token) {
    Span span = offsets.span(source, token);
    return SlipHints.invalidCharacter(source, span.start(), span.end())
        .orElse(
            ".".equals(token.getText())
                ? "a word cannot start with `.`; words use letters, digits, `-`, `.`, `/`, `:` and"
                    + " `_`; strings go in double quotes"
                : "words use letters, digits, `-`, `.`, `/`, `:` and `_`; strings go in double"
                    + " quotes");
  }

  /** Turns ANTLR's reports into CIL01xx diagnostics in our words. */
  private static final class SyntaxErrors extends BaseErrorListener {
    private final SourceFile source;
    private final Offsets offsets;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Token> tokens;
    private int lastTokenIndex = -1;
    private int lastLine = -1;

    SyntaxErrors(SourceFile source, Offsets offsets, List<Token> tokens) {
      this.source = source;
      this.offsets = offsets;
      this.tokens = tokens;
    }

    /** A missing `}` notes the `{` it would close. */
    private List<dev.cilia.diag.Related> unclosed(Token token, IntervalSet expected) {
      return SlipHints.unclosedBrace(tokens, token, expected)
          .map(brace -> List.of(SlipHints.unclosedNote(offsets, source, brace)))
          .orElse(List.of());
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      if (!(offendingSymbol instanceof Token token)) {
        return;
      }
      if (token.getType() == CiliaLexer.INVALID
          || token.getType() == CiliaLexer.UNTERMINATED_STRING
          || token.getTokenIndex() == lastTokenIndex
          || (token.getType() != Token.EOF && token.getLine() == lastLine)) {
        // One error per line: what follows a slip on its line is usually the slip's echo.
        return;
      }
      lastTokenIndex = token.getTokenIndex();
      lastLine = token.getLine();
      CiliaParser parser = (CiliaParser) recognizer;
      IntervalSet expected =
          e != null && e.getExpectedTokens() != null
              ? e.getExpectedTokens()
              : parser.getExpectedTokens();
      String wanted = TokenNames.describe(expected, parser.getRuleInvocationStack());
      Span span = offsets.span(source, token);
      if (token.getType() == Token.EOF) {
        diagnostics.add(
            new Diagnostic(
                Code.CIL0104,
                Code.CIL0104.severity(),
                span,
                "unexpected end of file, expected " + wanted,
                TokenNames.hintFor(expected, parser.getRuleInvocationStack()),
                unclosed(token, expected)));
      } else {
        diagnostics.add(
            new Diagnostic(
                Code.CIL0101,
                Code.CIL0101.severity(),
                span,
                "expected " + wanted + ", found " + TokenNames.found(token),
                SlipHints.keyword(token, expected)
                    .or(() -> TokenNames.hintFor(expected, parser.getRuleInvocationStack())),
                token.getType() == CiliaLexer.WORD || token.getType() == CiliaLexer.STRING
                    ? List.of()
                    : unclosed(token, expected)));
      }
    }
  }

  /** Maps ANTLR's code-point indexes to offsets in the Java string. */
  static final class Offsets {
    private final int[] charOffsetOfCodePoint;

    Offsets(String text) {
      if (text.codePointCount(0, text.length()) == text.length()) {
        charOffsetOfCodePoint = null;
      } else {
        int count = text.codePointCount(0, text.length());
        charOffsetOfCodePoint = new int[count + 1];
        int offset = 0;
        for (int i = 0; i < count; i++) {
          charOffsetOfCodePoint[i] = offset;
          offset += Character.charCount(text.codePointAt(offset));
        }
        charOffsetOfCodePoint[count] = text.length();
      }
    }

    int offset(int codePointIndex) {
      if (charOffsetOfCodePoint == null) {
        return codePointIndex;
      }
      int i = Math.max(0, Math.min(codePointIndex, charOffsetOfCodePoint.length - 1));
      return charOffsetOfCodePoint[i];
    }

    Span span(SourceFile source, Token token) {
      if (token.getType() == Token.EOF) {
        int end = source.text().length();
        return new Span(source, end, end);
      }
      return new Span(source, offset(token.getStartIndex()), offset(token.getStopIndex() + 1));
    }

    Span span(SourceFile source, Token start, Token stop) {
      Span first = span(source, start);
      Span last = span(source, stop == null ? start : stop);
      return last.start() < first.start() ? first : first.to(last);
    }
  }
}
