"""A SAML 2.0 identity provider on loopback for the tests: PyPI's pysaml2, signing with Debian's
xmlsec1 and a key made at start.

    python idp.py PORT

- GET  /metadata: its metadata (entity ID, HTTP-Redirect sign-in URL, signing certificate).
- GET  /sso?SAMLRequest=...&RelayState=...: a sign-in page for the request (a form with Email,
  First name, Last name and Groups, comma-separated, sent as eduPerson's isMemberOf; and "Sign
  in").
- GET  /start?sp=ENTITY_ID: the same page for a sign-in it starts itself (IdP-initiated).
- POST /sso/login: the signed answer, as a page whose form posts it to the service's ACS.

A service provider's metadata is read from its entity ID, which is its metadata URL (as ours is).
The form's optional `sign_alg` and `digest_alg` choose the signature's algorithms (RSA-SHA256
and SHA-256 unless given), so the tests can show SHA-1 refused.
"""

import base64
import datetime
import html
import os
import sys
import tempfile
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server

PORT = int(sys.argv[1])
BASE = f"http://127.0.0.1:{PORT}"
WORK = tempfile.mkdtemp(prefix="saml-idp-")
KEY = os.path.join(WORK, "key.pem")
CERT = os.path.join(WORK, "cert.pem")
PASSWORD_CLASS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
# pysaml2 signs with RSA-SHA1 unless told otherwise; a form's `sign_alg` may ask for it again.
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


def make_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test identity provider")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    with open(KEY, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
    with open(CERT, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))


def config(sp_entity_id=None):
    metadata = {}
    if sp_entity_id:
        path = os.path.join(WORK, "sp-%d.xml" % abs(hash(sp_entity_id)))
        with urllib.request.urlopen(sp_entity_id, timeout=10) as answer, open(path, "wb") as f:
            f.write(answer.read())
        metadata = {"local": [path]}
    conf = IdPConfig()
    conf.load(
        {
            "entityid": f"{BASE}/metadata",
            "service": {
                "idp": {
                    "endpoints": {"single_sign_on_service": [(f"{BASE}/sso", BINDING_HTTP_REDIRECT)]},
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                    "want_authn_requests_signed": False,
                    "policy": {"default": {"lifetime": {"minutes": 5}}},
                }
            },
            "key_file": KEY,
            "cert_file": CERT,
            "xmlsec_binary": os.environ.get("XMLSEC1", "/usr/bin/xmlsec1"),
            "metadata": metadata,
        }
    )
    return conf


def login_page(saml_request, relay_state, sp):
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(value or "")}">'
        for name, value in (("SAMLRequest", saml_request), ("RelayState", relay_state), ("sp", sp))
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><h1>Test identity provider</h1>
<form method="post" action="/sso/login">{hidden}
<label>Email <input name="email" type="email" required></label>
<label>First name <input name="given_name"></label>
<label>Last name <input name="family_name"></label>
<label>Groups <input name="groups"></label>
<button type="submit">Sign in</button>
</form></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="text/html; charset=utf-8"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/metadata":
            xml = create_metadata_string(None, config=config(), sign=False)
            self.answer(200, xml.decode() if isinstance(xml, bytes) else xml, "application/samlmetadata+xml")
        elif url.path == "/sso":
            self.answer(200, login_page(query.get("SAMLRequest"), query.get("RelayState"), ""))
        elif url.path == "/start":
            self.answer(200, login_page("", query.get("RelayState", ""), query.get("sp", "")))
        else:
            self.answer(404, "not found", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        try:
            self.answer(200, signed_answer(form))
        except Exception as error:  # the tests read the reason
            self.answer(400, f"{type(error).__name__}: {error}", "text/plain")


def signed_answer(form):
    email = form["email"]
    saml_request = form.get("SAMLRequest")
    relay_state = form.get("RelayState") or ""
    if saml_request:
        # The request names its issuer (the service's entity ID): read it before its metadata.
        bare = Server(config=config())
        issuer = bare.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message.issuer.text
        idp = Server(config=config(issuer))
        request = idp.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        sp, in_response_to = issuer, request.id
    else:
        sp, in_response_to = form["sp"], None
        idp = Server(config=config(sp))
    destination = idp.metadata.assertion_consumer_service(sp, binding=BINDING_HTTP_POST)[0]["location"]
    identity = {"mail": [email]}
    if form.get("given_name"):
        identity["givenName"] = [form["given_name"]]
    if form.get("family_name"):
        identity["sn"] = [form["family_name"]]
    if form.get("groups"):
        identity["isMemberOf"] = [g.strip() for g in form["groups"].split(",") if g.strip()]
    response = idp.create_authn_response(
        identity=identity,
        in_response_to=in_response_to,
        destination=destination,
        sp_entity_id=sp,
        name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
        authn={"class_ref": PASSWORD_CLASS, "authn_auth": f"{BASE}/metadata"},
        sign_response=True,
        sign_assertion=True,
        sign_alg=form.get("sign_alg") or RSA_SHA256,
        digest_alg=form.get("digest_alg") or SHA256,
    )
    encoded = base64.b64encode(str(response).encode()).decode()
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="{html.escape(destination)}">
<input type="hidden" name="SAMLResponse" value="{encoded}">
<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">
<noscript><button type="submit">Continue</button></noscript>
</form></body></html>"""


if __name__ == "__main__":
    make_key()
    ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
