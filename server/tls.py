"""HTTPS: a given certificate, or one made once for this machine's names (--tls-self-signed).

Browsers give the camera and microphone only to secure origins (https, or http on localhost), so
a phone or laptop on the LAN needs HTTPS. The self-signed certificate covers the host name, its
.local name and every interface address; it is kept in cache_dir/tls and made again when those
change or it nears expiry; the names in `--allowed-hosts` are added (in a container, the host's
LAN name or address that phones will use). Browsers warn once about it (it is signed by nobody they trust):
accept it, or install cert.pem on the device. The certificate's names are served as allowed
hosts, so `--allowed-hosts` is not needed for them.
"""
from __future__ import annotations

import datetime
import ipaddress
import logging
import os
import socket
from pathlib import Path

from server.config import Settings

log = logging.getLogger(__name__)

_VALID_DAYS = 397
_RENEW_BEFORE = datetime.timedelta(days=30)


def machine_names() -> list[str]:
    """Names and addresses this machine is reached by: host name, its .local, loopback, interfaces."""
    import ifaddr

    host = socket.gethostname().lower()
    names = {"localhost", host, "127.0.0.1", "::1"}
    if "." not in host:
        names.add(host + ".local")
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            address = ip.ip if isinstance(ip.ip, str) else ip.ip[0]
            if not ipaddress.ip_address(address.split("%")[0]).is_link_local:
                names.add(address.split("%")[0])
    return sorted(names)


def certificate_names(cert_path: Path) -> list[str]:
    """The DNS names and IP addresses a PEM certificate is for (its subjectAltName)."""
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return [*alt.get_values_for_type(x509.DNSName), *(str(ip) for ip in alt.get_values_for_type(x509.IPAddress))]


def _still_good(cert_path: Path, names: list[str]) -> bool:
    from cryptography import x509

    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError):
        return False
    now = datetime.datetime.now(datetime.UTC)
    return cert.not_valid_after_utc - now > _RENEW_BEFORE and set(names) <= set(certificate_names(cert_path))


def self_signed(folder: Path, names: list[str]) -> tuple[Path, Path]:
    """(cert.pem, key.pem) in `folder` covering `names`, made now unless a good one is there."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    if key_path.exists() and _still_good(cert_path, names):
        return cert_path, key_path
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Livesight on {socket.gethostname()}"[:64])])
    alt: list[x509.GeneralName] = []
    for name in names:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=_VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    key_bytes = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(key_bytes)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    log.info("made a self-signed certificate for %s in %s", ", ".join(names), folder)
    return cert_path, key_path


def tls_files(settings: Settings) -> tuple[Path, Path, list[str]] | None:
    """(certificate, key, the names it covers) for HTTPS, or None to serve plain HTTP."""
    if settings.tls_cert is not None or settings.tls_key is not None:
        if settings.tls_cert is None or settings.tls_key is None:
            raise ValueError("HTTPS needs both --tls-cert and --tls-key")
        return settings.tls_cert, settings.tls_key, certificate_names(settings.tls_cert)
    if settings.tls_self_signed:  # this machine's names, and the ones the operator allowed (e.g. a container's host)
        extra = [n.strip().lower() for n in settings.allowed_hosts.split(",") if n.strip() not in ("", "*")]
        names = sorted({*machine_names(), *extra})
        cert, key = self_signed(settings.cache_dir / "tls", names)
        return cert, key, names
    return None
