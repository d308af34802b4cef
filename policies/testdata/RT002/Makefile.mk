IMAGE := ghcr.io/acme/app:1.0

.PHONY: run test
run:
	@echo running
	docker run --rm $(IMAGE) serve # want "RT002" col=9

test: build
	-docker run --rm --cap-drop=ALL $(IMAGE) test
