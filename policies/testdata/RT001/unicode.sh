# Columns count code points: "é" is one column.
docker run -e "GREETING=héllo" --privileged alpine:3.20 true # want "RT001" col=32
