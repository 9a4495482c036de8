#include <cstdio>

int main(int argc, char** argv) {
  std::fprintf(stderr, "usage: gotrap [--format text|json|sarif|github] PATH...\n");
  return argc > 1 ? 0 : 2;
}
