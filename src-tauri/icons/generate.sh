#!/usr/bin/env bash
# Regenerates the app icons: a rose-to-plum rounded square with a white "D".
# Needs ImageMagick 6 (apt-get install imagemagick) and fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")"

font=/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf
master=$(mktemp --suffix=.png)
trap 'rm -f "$master"' EXIT

# 1024x1024 master: gradient tile clipped to a rounded square, letter on top.
convert -size 1024x1024 xc:none \
    \( -size 896x896 gradient:'#e0607e-#6b2d5c' \
       \( -size 896x896 xc:none -fill white -draw 'roundrectangle 0,0 895,895 200,200' \) \
       -alpha off -compose copy_opacity -composite \) \
    -gravity center -compose over -composite \
    -font "$font" -pointsize 640 -fill '#fff7f9' -annotate +0+10 'D' \
    -strip "$master"

png() { convert "$master" -resize "$1x$1" -depth 8 -define png:color-type=6 -strip "$2"; }
png 32 32x32.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png
convert "$master" -depth 8 -define icon:auto-resize=256,128,64,48,32,16 icon.ico
