"""The sync layer (see DESIGN.md, Architecture, and docs/bundle-format.md).

Signed, encrypted bundles from the akimat office to the district registry and
acknowledgements back, on plain data (``tirkeu.domain`` records and dicts):

- ``pki``: demo CA and certificates, PKCS#12 loading (RSA, NCA-style);
- ``signing``: the ``Signer`` protocol, the RSA signer, pyHanko verification;
- ``envelope``: CMS EnvelopedData, AES-256;
- ``bundle``: the versioned format, ``write_bundle`` / ``open_bundle``;
- ``payload``: act records to bundle items and back;
- ``ack``: the acknowledgement's content; ``office``: the office's calls;
- ``transport``: atomic folder writes and the HTTP upload client;
- ``district``: the registry's database, intake and HTTP server.
"""
