def detect(text):
    return 0.0


def parse(text, source, result):
    raise NotImplementedError
