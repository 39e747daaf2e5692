"""The local renderer: stills painted once per beat, then composed frame by frame (compose.py).

OpenCV runs single-threaded here. Rendering already keeps every core busy on its own (one beat
per core in the chunks and refine phases, beside the x264 encoders), so OpenCV's thread pool
only adds hand-off and spin-waiting: 20-25 % more CPU for the same frames on a 2-core machine,
CPU the encoders then lack. The pixels are the same either way.
"""

import cv2

cv2.setNumThreads(1)
