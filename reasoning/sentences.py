"""Streaming sentence splitting: model tokens in, speakable pieces out.

The first piece may end at a clause boundary (a comma after a few words), or, while a model is
still producing its first sentence, after a few words: speech starts early, and the LLM's
sentence is not on the critical path of the first audio. Later pieces are whole sentences, which
piper phrases more naturally.
"""
from __future__ import annotations

import re

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "no", "approx"}
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s)|\n+")
_CLAUSE_END = re.compile(r"[,;:—](?=\s)")
#: a first piece cut after one of these ("I am here to" | "help") sounds broken off: take one more word
_LEADS_ON = {"a", "an", "the", "to", "of", "in", "on", "at", "for", "with", "and", "or", "but", "my", "your",
             "our", "their", "his", "her", "its", "is", "are", "was", "be", "that", "this", "i", "you", "we",
             "it", "can", "will", "would", "have", "has", "do", "not", "so", "as", "from", "by", "about"}
#: the first piece waits at most this many words for a word it can end on
_FIRST_PIECE_MAX_WORDS = 7


class SentenceSplitter:
    def __init__(self, first_clause_words: int = 3, first_piece_words: int = 3) -> None:
        self._buffer = ""
        self._emitted_any = False
        self._first_clause_words = first_clause_words
        self._first_piece_words = first_piece_words

    def feed(self, text: str) -> list[str]:
        self._buffer += text
        pieces: list[str] = []
        while True:
            cut = self._next_cut()
            if cut is None:
                return pieces
            piece, self._buffer = self._buffer[:cut].strip(), self._buffer[cut:]
            if piece:
                pieces.append(piece)
                self._emitted_any = True

    def flush(self) -> str | None:
        piece, self._buffer = self._buffer.strip(), ""
        return piece or None

    def _next_cut(self) -> int | None:
        for match in _SENTENCE_END.finditer(self._buffer):
            if match.group().startswith(".") and self._is_abbreviation_or_number(match.start()):
                continue
            return match.end()
        if not self._emitted_any:
            for match in _CLAUSE_END.finditer(self._buffer):
                if len(self._buffer[: match.start()].split()) >= self._first_clause_words:
                    return match.end()
            words = list(re.finditer(r"\S+(?=\s)", self._buffer))
            for n in range(self._first_piece_words, min(len(words), _FIRST_PIECE_MAX_WORDS) + 1):
                if n == _FIRST_PIECE_MAX_WORDS or words[n - 1].group().lower().strip("\"'") not in _LEADS_ON:
                    return words[n - 1].end()
        return None

    def _is_abbreviation_or_number(self, dot: int) -> bool:
        word = self._buffer[:dot].split()[-1:] or [""]
        token = word[0].lower().lstrip("(\"'")
        return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha() and token != "i")


def split_sentences(text: str) -> list[str]:
    """Whole-text convenience over the streaming splitter."""
    splitter = SentenceSplitter(first_clause_words=10**6, first_piece_words=10**6)
    pieces = splitter.feed(text + " ")
    tail = splitter.flush()
    return pieces + ([tail] if tail else [])
