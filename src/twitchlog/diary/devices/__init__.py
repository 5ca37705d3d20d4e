"""Sleep, exercise and resting heart rate from the files phones and watches export.

Pure: no Django. ``files.read_export`` recognises a file by its content and hands it to one
parser (``apple``, ``health_connect``, ``fitbit``); ``days.daily_values`` turns what the
parser found into diary days. Every parser streams and is bounded (``limits``), so a file of
gigabytes, or one built to explode, costs constant memory and a clear error.
"""
