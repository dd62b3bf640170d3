"""Private files: documents that only some signed-in people may read (initiative attachments).

- `checks.py` accepts PDF, DOCX, XLSX, JPEG and PNG judged by their content, never by their name;
- `storage.py` keeps them outside the public media folder (`PRIVATE_MEDIA_ROOT`), under random names;
- `serving.py` answers a request that a view has already allowed: through nginx (`X-Accel-Redirect` to an
  internal location) in production, or streamed by Django when `PRIVATE_MEDIA_ACCEL_PREFIX` is empty.
"""
