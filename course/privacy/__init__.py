"""Learners' data rights: what the kit keeps (places), access and portability (export), erasure (erase),
holds, and storage limitation (retention)."""
