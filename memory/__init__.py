"""Memory: audio-visual sync windows → short-term clips → long-term memory, and retrieval."""

from memory.embedding import MiniLMEmbedder, TextEmbedder
from memory.service import MemoryService
from memory.session import MemoryConfig, SessionMemory

__all__ = ["MemoryConfig", "MemoryService", "MiniLMEmbedder", "SessionMemory", "TextEmbedder"]
